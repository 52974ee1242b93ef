"""Recovery Journal: a private, encrypted notebook for working a twelve-step programme."""

__version__ = "0.1.0"
APP_NAME = "Recovery Journal"
