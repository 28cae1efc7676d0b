"""The "Mano informacija" section: everything its four cards show."""

from dataclasses import dataclass
from datetime import date

from app.integrations.registers import RegisterSnapshot
from app.models import Document, EmailConfirmation, User
from app.services.basket import BasketBalance, basket_balance
from app.services.contacts import pending_confirmation
from app.services.documents import learner_documents
from app.services.eligibility import Criterion, basket_criteria
from app.services.register_data import refresh_register_data, register_notices


@dataclass(frozen=True)
class ProfileOverview:
    snapshot: RegisterSnapshot
    notices: list[str]
    documents: list[Document]
    balance: BasketBalance
    criteria: list[Criterion]
    confirmation: EmailConfirmation | None

    def documents_about(self, topic: str) -> list[Document]:
        return [d for d in self.documents if d.topic == topic]


def profile_overview(learner: User, today: date) -> ProfileOverview:
    """Gather the registers' data, the documents, the contacts and the criteria."""
    snapshot = refresh_register_data(learner)
    documents = learner_documents(learner)
    balance = basket_balance(learner, today)
    criteria = basket_criteria(snapshot, balance, today, documents, group_known=False)
    return ProfileOverview(
        snapshot=snapshot,
        notices=register_notices(snapshot),
        documents=documents,
        balance=balance,
        criteria=criteria,
        confirmation=pending_confirmation(learner),
    )
