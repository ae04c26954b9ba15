"""The satisfaction survey (SKM, PermenPANRB 14/2017) and the units' follow-up plans."""
