Set t 'hours' / h1*h3 /;
Parameter price(t) 'price in €/MWh' / h1 42.0, h2 38.5, h4 55.0 /;
Display price;
