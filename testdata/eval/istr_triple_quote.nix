# ''' gives two single quotes
''a'''b''
