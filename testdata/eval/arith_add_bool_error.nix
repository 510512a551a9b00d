# adding a Boolean to an integer
1 + true
