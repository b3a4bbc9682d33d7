-- Floor of scenario 1: the anonymous catalog page (products(first: 50) { id name price stock }) as one statement.
select id, name, price_amount, price_currency, stock
from product
where visible and archived_at is null
order by name, id
limit 50;
