"""safeconf: Child Safety Conference records on encrypted laptops."""

__version__ = "0.1.0"
