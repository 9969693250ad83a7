"""Reading ``policies/``: the only layer that imports ``yaml``. Every file is read by a
``NodeReader`` subclass and every problem comes back with its file, line and column."""
