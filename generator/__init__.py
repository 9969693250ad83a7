"""Policy column generator: policy YAML → split, tagged items → a MkDocs + Material site."""
