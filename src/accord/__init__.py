"""accord: political event data from news.

Public API::

    from accord import Pipeline
    pipeline = Pipeline()
    for document in pipeline.code_paths(["article.html"]):
        print(document.to_dict()["events"])
"""
from .errors import AccordError, DictionaryError, InputError, ModelNotFoundError
from .model import Actor, Document, Event, Mention, Quote

__version__ = "0.1.0"

__all__ = [
    "AccordError",
    "Actor",
    "DictionaryError",
    "Document",
    "Event",
    "InputError",
    "Mention",
    "ModelNotFoundError",
    "Pipeline",
    "Quote",
    "__version__",
]


def __getattr__(name: str):  # the pipeline pulls in spaCy: import it only when asked for
    if name == "Pipeline":
        from .pipeline import Pipeline

        return Pipeline
    raise AttributeError(name)
