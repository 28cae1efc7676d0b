"""Adapters to the state e-ID gateway and the state registers."""

from flask import Flask, current_app

from app.integrations.registers import Registers
from app.integrations.simulator import SimulatedPersonDirectory, SimulatorBehaviour
from app.integrations.viisp import SimulatedGateway


def init_integrations(app: Flask) -> None:
    """Attach the register adapters chosen by configuration to the app.

    The test persons file is read and checked here, so a bad file stops the app
    at start rather than at the first login.
    """
    directory = SimulatedPersonDirectory(app.config["TEST_PERSONS_PATH"])
    directory.load()
    app.extensions["kursuok.identity"] = SimulatedGateway()
    app.extensions["kursuok.test_persons"] = directory


def registers() -> Registers:
    """Return the register adapters, with the time limit and simulator behaviour
    the configuration says now."""
    config = current_app.config
    behaviour = SimulatorBehaviour(
        failing=frozenset(
            name.strip()
            for name in config["REGISTER_SIMULATOR_FAIL"].split(",")
            if name.strip()
        ),
        delay_seconds=config["REGISTER_SIMULATOR_DELAY_SECONDS"],
    )
    directory = simulated_persons().behaving(behaviour)
    return Registers(
        population=directory,
        employment=directory,
        diplomas=directory,
        timeout_seconds=config["REGISTER_TIMEOUT_SECONDS"],
    )


def identity_provider() -> SimulatedGateway:
    """Return the identity provider (the VIISP gateway or its simulator)."""
    return current_app.extensions["kursuok.identity"]


def simulated_persons() -> SimulatedPersonDirectory:
    """Return the simulator's test persons, listed on the gateway page."""
    return current_app.extensions["kursuok.test_persons"]
