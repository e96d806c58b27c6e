"""The screens of the Parley app."""
