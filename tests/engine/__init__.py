"""Tests of the bargaining engine (a package so its modules can share ``strategies``)."""
