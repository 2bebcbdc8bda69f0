Sets i 'plants'  / seattle, san-diego /
     j 'markets' / new-york, chicago, topeka /;
Parameter d(i,j) 'distance in thousands of miles' /
$onDelim
seattle,new-york,2.5
seattle,chicago,1.7
seattle,topeka,1.8
san-diego,new-york,2.5
san-diego,1.8
san-diego,topeka,1.4
$offDelim
/;
Display d;
