Sets i 'plants'  / seattle, san-diego /
     j 'markets' / new-york, chicago, topeka /;
Parameter demand(j) / new-york 325, chicago 300, topeka 275 /;
Parameter share(j);
share(j) = demnad(j) / 900;
Display share;
