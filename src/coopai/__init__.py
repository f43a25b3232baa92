"""coopai: decide openly, on co-operative values, whether and how a council should use AI."""

__version__ = "0.1.0"
