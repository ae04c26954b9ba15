"""The public-information path (UU 14/2008): registration, the written decision, the
objection, the Komisi step and their papers."""
