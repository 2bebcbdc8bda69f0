$title Battery dispatch
$inlcude data.inc
Set t / t1*t3 /;
Parameter price(t) / t1 20, t2 35, t3 28 /;
Display price;
