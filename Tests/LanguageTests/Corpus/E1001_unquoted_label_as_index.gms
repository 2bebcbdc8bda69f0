Set j 'markets' / new-york, chicago, topeka /;
Parameter b(j) / new-york 325, chicago 300, topeka 275 /;
Scalar mid 'demand in the midwest';
mid = b(chicago) + b("topeka");
Display mid;
