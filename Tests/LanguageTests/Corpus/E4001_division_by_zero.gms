Sets i 'plants'  / seattle, san-diego /
     j 'markets' / new-york, chicago, topeka /;
Table d(i,j) 'distance in thousands of miles'
                  new-york       chicago      topeka
    seattle          2.5           1.7          1.8
    san-diego        2.5           0            1.4 ;
Parameter speed(i,j) 'cases per mile';
speed(i,j) = 1000 / d(i,j);
Display speed;
