Set g 'generators' / coal, gas /, t 'hours' / h1, h2 /;
Table output(g,t) 'MW'
$onDelim
,h1,h2
coal,300,310
gas,120,150
;
Scalar total;
total = sum((g,t), output(g,t)) +;
Display total;
