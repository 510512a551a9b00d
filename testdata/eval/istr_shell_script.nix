let pkg = "/opt/app"; in ''
  #!/bin/sh
  set -e
  if [ -x "${pkg}/bin/run" ]; then
    exec "${pkg}/bin/run" "$@"
  fi
''
