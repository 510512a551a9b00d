''
    héllo
      wörld
''
