Sets i / seattle, san-diego /
     j / new-york, chicago, topeka /;
Variable x(i,j) 'shipments';
Positive Variable x(i);
Variable z;
