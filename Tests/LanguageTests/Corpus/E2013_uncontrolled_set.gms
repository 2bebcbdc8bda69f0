Sets i 'plants'  / seattle, san-diego /
     j 'markets' / new-york, chicago, topeka /;
Parameter d(i,j) 'distance';
d(i,j) = 1.5;
Scalar total 'total distance';
total = sum(i, d(i,j));
Display total;
