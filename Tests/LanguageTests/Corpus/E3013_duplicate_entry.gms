Set t 'hours' / h1*h4 /;
Parameter price(t) 'spot price in EUR/MWh'
   / h1  42.0
     h2  38.5
     h2  40.1
     h4  55.0 /;
Display price;
