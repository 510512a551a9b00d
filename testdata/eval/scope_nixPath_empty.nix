# NIX_PATH is empty for these tests
__nixPath
