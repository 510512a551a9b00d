# paths inside an imported file are relative to that file
import ./data/nested/inner
