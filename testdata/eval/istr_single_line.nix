[ ''abc'' ''  spaced  '' '' '' ]
