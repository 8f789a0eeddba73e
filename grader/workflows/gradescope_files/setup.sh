#!/usr/bin/env bash
# Gradescope runs this once, as root, when it builds the autograder image (an Ubuntu image). It
# installs what mlgrade needs and mlgrade itself, from the wheel in this zip:
#   - a Python 3.11 or newer with venv (Ubuntu 22.04's python3 is 3.10: python3.11 is added beside it);
#   - bubblewrap, the sandbox (where the container forbids it, mlgrade falls back to process limits
#     and every report says so);
#   - /autograder/mlgrade-venv with mlgrade and the dependency versions of constraints.txt, the ones
#     the zip was built with, so that Gradescope grades exactly as the interviewer's machine does.
set -euo pipefail

SOURCE=/autograder/source
VENV=/autograder/mlgrade-venv
# shellcheck source=config.sh
. "$SOURCE/config.sh"

# The first Python that is new enough and can make a venv (Ubuntu ships ensurepip separately).
find_python() {
    local candidate
    for candidate in python3.13 python3.12 python3.11 python3; do
        if command -v "$candidate" >/dev/null 2>&1 &&
            "$candidate" -c 'import sys, ensurepip; sys.exit(sys.version_info < (3, 11))' >/dev/null 2>&1; then
            command -v "$candidate"
            return 0
        fi
    done
    return 1
}

packages=()
command -v bwrap >/dev/null 2>&1 || packages+=(bubblewrap)
if ! find_python >/dev/null; then
    if command -v python3 >/dev/null 2>&1 && python3 -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
        packages+=("python3.$(python3 -c 'import sys; print(sys.version_info.minor)')-venv")
    else
        packages+=(python3.11 python3.11-venv)
    fi
fi
if [ "${#packages[@]}" -gt 0 ]; then
    echo "setup.sh: installing ${packages[*]} with apt-get"
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi

PYTHON=$(find_python)
echo "setup.sh: $("$PYTHON" --version) from $PYTHON"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet --constraint "$SOURCE/constraints.txt" "$SOURCE/$MLGRADE_WHEEL"
# The hidden suites and references are for the grader (root) alone: a worker that runs as another
# user, when bubblewrap is refused in this container, must not read them.
chmod -R go-rwx "$SOURCE" "$("$VENV/bin/python" -c 'import grader.core.banks as b; print(b.PACKAGED)')"
for bank in "${MLGRADE_PRIVATE_BANKS[@]}"; do
    MLGRADE_BANK="${MLGRADE_BANK:+$MLGRADE_BANK:}$SOURCE/$bank"
done
export MLGRADE_BANK="${MLGRADE_BANK:-}"
"$VENV/bin/mlgrade" list
