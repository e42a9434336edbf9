"""``python -m speechkit``: the same as the ``speechkit`` command."""

from speechkit.cli import main

if __name__ == "__main__":
    main()
