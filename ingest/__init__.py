"""From notice files to extraction records: read → clean → extract → resolve."""
