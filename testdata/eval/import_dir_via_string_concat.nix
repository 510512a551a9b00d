(import (./data + "/subdir")).fromDefaultNix
