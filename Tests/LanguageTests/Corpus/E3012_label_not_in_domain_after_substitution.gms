$set first h1
$set region north-western-interconnection
Set t 'hours' / h1*h4 /;
Parameter price(t) / %first% 20, h9 35 /;
$if set first Parameter load(t) / h1 3.5, h0 4.0 /;
$if set region Parameter share(t) 'share in %region%' / h2 0.5, h7 0.5 /;
Display price, load, share;
