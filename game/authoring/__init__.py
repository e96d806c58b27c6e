"""Tools for scenario authors: starter files, balance reports, GENIUS import/export, reference docs.

This package sits beside the session layer: it reads scenarios and runs the engine, but
never prints or touches a user interface; the ``parley`` sub-commands in
:mod:`game.commands.authoring` do the talking.
"""
