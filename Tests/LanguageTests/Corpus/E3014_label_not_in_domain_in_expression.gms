Set j 'markets' / new-york, chicago, topeka /;
Parameter b(j) / new-york 325, chicago 300, topeka 275 /;
Scalar east 'demand on the east coast';
east = b("new-york") + b("boston");
Display east;
