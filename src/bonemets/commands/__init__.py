"""Sub-commands of the ``bonemets`` command line, one module each.

Each module defines ``register(subparsers)``, which adds its parser and sets ``func`` on it: a
function taking the parsed arguments and returning the exit status. :data:`bonemets.cli.COMMANDS`
lists the modules explicitly: a new command is a new file here and one entry there.
"""
