"""Operator scripts; scripts.drills holds the fault drills that tests import."""
