"""The Textual interface of Parley: screens and widgets over the session and the engine."""
