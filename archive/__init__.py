"""Backing up the whole site into one file, and restoring or merging it back.

`manage.py export_site PATH` and `manage.py import_site PATH [--merge]` are thin
wrappers round `export.export_site`, `restore.restore_site` and `merge.merge_site`.

The archive is a zip file:

- `manifest.json`: the format name and version, when and from what database it
  was made, the models in the order they load, how many rows of each, and the
  name of every media file.
- `data/<app>.<model>.json`: one JSON list of rows per model, in Django's
  serialization format (primary keys kept; content types, permissions and
  groups by natural key, since their primary keys differ between databases).
- `media/<name>`: every file in the media storage, byte for byte at the name
  the database records: the original uploads and their renditions.

The archive holds the users that content refers to and every staff account,
*with their password hashes*: keep it as safely as the database itself.
"""
