Set t 'hours' / h1*h24 /;
Parameter price(t) 'spot price';
price(t) = 30 + 2*ord(t);
Variable price(t) 'feed-in tariff';
Display price;
