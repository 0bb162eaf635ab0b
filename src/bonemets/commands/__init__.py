"""Sub-commands of the ``bonemets`` command line, one module each.

Each module defines ``register(subparsers)``, which adds its parser and sets ``func`` on it: a
function taking the parsed arguments and returning the exit status. The CLI finds the modules by
name, so a new command is a new file here.
"""
