# Sourced by run.sh and test.sh: make .venv with the given requirements file.
# Installs Debian's python3-venv first when the interpreter cannot make a venv.

as_root() {
  if [ "$(id -u)" = "0" ]; then "$@"; else sudo "$@"; fi
}

apt_install() {
  as_root apt-get update -qq
  DEBIAN_FRONTEND=noninteractive as_root apt-get install -y -qq "$@" >/dev/null
}

ensure_venv() {
  local requirements="$1"
  if [ ! -x .venv/bin/python ]; then
    if ! python3 -c "import ensurepip, venv" 2>/dev/null; then
      apt_install python3-venv
    fi
    python3 -m venv .venv
  fi
  .venv/bin/python -m pip install -q --upgrade pip
  .venv/bin/python -m pip install -q -r "$requirements"
}
