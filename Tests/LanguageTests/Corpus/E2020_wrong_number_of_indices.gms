Sets i 'plants'  / seattle, san-diego /
     j 'markets' / new-york, chicago, topeka /;
Parameter d(i,j) 'distance', c(i,j) 'cost';
d(i,j) = 2;
c(i,j) = 90*d(i)/1000;
Display c;
