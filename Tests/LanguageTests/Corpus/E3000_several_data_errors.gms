Sets i 'plants'  / seattle, san-diego /
     j 'markets' / new-york, chicago, topeka /;
Parameter a(i) 'capacity'
   / seattle    350
     san-diego  600
     seattle    400 /;
Parameter b(j) 'demand'
   / new-york  325
     chicago   3OO
     topeka    275 /;
Table d(i,j) 'distance'
              new-york   chicago   topeka
    seattle      2.5       1.7       1.8
    sandiego     2.5       1.8       1.4 ;
Display a, b, d;
