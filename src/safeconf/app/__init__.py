"""Use-case services: plain Python between the domain rules and the user interface."""
