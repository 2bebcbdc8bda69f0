Set j 'markets' / new-york, chicago, topeka /;
Parameter b(j) 'demand in cases'
   / new-york  325
     chicago   300
     boston    275 /;
Display b;
