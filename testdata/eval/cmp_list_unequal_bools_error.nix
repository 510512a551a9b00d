[ true ] < [ false ]
