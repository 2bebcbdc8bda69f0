Sets i 'plants'  / seattle, san-diego /
     j 'markets' / new-york, chicago, topeka /;
Parameter a(i) / seattle 350, san-diego 600 /;
Parameter b(j);
b(j) = a(j);
Display b;
