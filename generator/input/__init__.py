"""Reading ``policies/``: the only layer that imports ``yaml``. Every file is read by a
``NodeReader`` subclass and every problem comes back with its file, line and column.
``imports/`` reads the documents departments send (PDF, Word, portal pages, text) into
source files; it alone imports the PDF, Word and HTML libraries."""
