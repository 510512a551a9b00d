true && throw "right side forced"
