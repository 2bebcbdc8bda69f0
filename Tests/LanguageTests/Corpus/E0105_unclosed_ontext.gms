$title Storage model
$onText
This model dispatches a battery over one day.
Author: the planning team.
Set t / t1*t24 /;
Parameter price(t);
price(t) = 20 + ord(t);
Display price;
