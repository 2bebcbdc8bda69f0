Sets i / seattle, san-diego /
     j / new-york, chicago, topeka /;
Table d(i,j) 'distance in thousands of miles'
                  new-york       chicago      topeka
    seattle          2.5           1.7          1.8
    san-diego        2.5           1.8          1.4      2.9 ;
Display d;
