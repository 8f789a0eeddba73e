# mlgrade: every target installs what it needs first (a .venv, the package, bubblewrap where possible).
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
SUBMISSION ?= examples/sample_submission
JOBS ?= 2

.PHONY: install grade test test-fast lint mutants bench kit wheel clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "mlgrade needs Python 3.11 or newer")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@# bubblewrap is the sandbox (without it grading falls back to process limits); shellcheck checks
	@# the shell scripts mlgrade writes (without it those tests are skipped).
	@missing=""; \
	command -v bwrap >/dev/null 2>&1 || missing="$$missing bubblewrap"; \
	command -v shellcheck >/dev/null 2>&1 || missing="$$missing shellcheck"; \
	if [ -z "$$missing" ]; then \
		echo "bubblewrap: $$(command -v bwrap); shellcheck: $$(command -v shellcheck)"; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then \
		echo "installing$$missing with apt-get"; \
		(apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null) \
		|| echo "could not install$$missing: see the README (bubblewrap, shellcheck)"; \
	else \
		echo "not installed (not root or no apt-get):$$missing; see the README (bubblewrap, shellcheck)"; \
	fi
	@touch $(STAMP)

install: $(STAMP)

grade: $(STAMP)
	$(BIN)/mlgrade grade $(SUBMISSION) --jobs $(JOBS)

test: $(STAMP)
	$(BIN)/python -m pytest -n $(JOBS) --dist worksteal -q

# The edit loop: everything but the end-to-end gradings of whole submissions (marked slow). Whole files
# go to one worker each (loadfile): a module's shared fixtures (a graded cohort, a built wheel) then
# run once, not once per worker; without the slow files no single file outweighs the rest.
test-fast: $(STAMP)
	$(BIN)/python -m pytest -n $(JOBS) --dist loadfile -q -m "not slow"

# Format, lint and types over all the code; each exercise folder is type-checked on its own, with its
# grading/ folder on the path (suites import their helper modules by plain name).
lint: $(STAMP)
	$(BIN)/ruff format --check grader tests reference exercises bench
	$(BIN)/ruff check grader tests reference exercises bench
	$(BIN)/mypy
	@# $(JOBS) exercise folders at a time; each prints its result in one piece, and any failure fails lint.
	@ls -d exercises/*/ | xargs -P $(JOBS) -I{} sh -c \
		'out=$$(MYPYPATH={}grading $(BIN)/mypy --strict --no-incremental {} 2>&1); code=$$?; \
		printf "mypy --strict %s\n%s\n" {} "$$out"; exit $$code'

# Mutation score of every exercise's hidden suite (a sample per exercise; verdicts cached in .mlgrade-cache).
MUTANTS ?= 40
mutants: $(STAMP)
	$(BIN)/mlgrade mutants --sample $(MUTANTS) --jobs $(JOBS)

# The other graders the bench times beside mlgrade, each in a venv of its own from the package registry
# (bench/anchors/); where that fails, the bench uses figures measured once, and says so.
ANCHORS := .venv-anchors
$(ANCHORS)/%/.installed: bench/anchors/requirements-%.txt
	@rm -rf $(ANCHORS)/$*
	@echo "installing the $* anchor into $(ANCHORS)/$*"
	@($(PYTHON) -m venv $(ANCHORS)/$* && $(ANCHORS)/$*/bin/python -m pip install --quiet -r $< && touch $@) \
		|| (rm -rf $(ANCHORS)/$*; echo "could not install the $* anchor: make bench uses its checked-in figure")

bench: $(STAMP) $(ANCHORS)/nbgrader/.installed $(ANCHORS)/otter/.installed
	$(BIN)/python -m grader.workflows.bench_main

kit: $(STAMP)
	$(BIN)/mlgrade kit --out dist/mlgrade-kit.zip

wheel: $(STAMP)
	$(BIN)/python -m grader.workflows.wheel dist

clean:
	rm -rf $(VENV) $(ANCHORS) dist build *.egg-info
