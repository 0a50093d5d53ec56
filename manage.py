#!/usr/bin/env python
import os
import sys

# Commands that only read the code, never data or secrets: a fresh checkout runs them as they are,
# without the SECRET_KEY and ALLOWED_HOSTS production settings insist on.
CODE_ONLY_COMMANDS = {"makemigrations"}

if __name__ == "__main__":
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "redflag.settings")
    if len(sys.argv) > 1 and sys.argv[1] in CODE_ONLY_COMMANDS:
        os.environ.setdefault("DEBUG", "1")
    from django.core.management import execute_from_command_line

    execute_from_command_line(sys.argv)
